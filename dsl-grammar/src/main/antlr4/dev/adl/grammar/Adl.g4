// The ADL policy language, version 1. LANGUAGE.md is the specification.
//
// Clauses are accepted in any order and repeated here; the AST builder enforces the
// order and multiplicity of LANGUAGE.md, because that way a misplaced clause gets a
// message naming the clause instead of a bare "unexpected token".
grammar Adl;

policy
    : header clause* EOF
    ;

header
    : POLICY name=STRING VERSION version=literal
    ;

clause
    : marketsClause
    | inputsClause
    | bufferClause
    | waterfallClause
    | letClause
    | eligibleClause
    | rankClause
    | reduceClause
    | capClause
    | notifyClause
    ;

marketsClause
    : MARKETS STRING (COMMA STRING)*
    ;

inputsClause
    : INPUTS LBRACE exposureInput* RBRACE
    ;

exposureInput
    : EXPOSURE source=STRING STALE_AFTER staleAfter=literal
    ;

bufferClause
    : BUFFER LBRACE bufferItem* RBRACE
    ;

bufferItem
    : FLOOR amount=literal (OF ofName=ID)?    # floorItem
    | MAX_USE share=literal PER EVENT         # maxUseItem
    | trigger                                 # triggerItem
    ;

// `when` is optional in the syntax only so that `until` without it gets a clear message.
trigger
    : TRIGGER (WHEN cond=expr)? (untilWord=ID untilCond=expr)?
    ;

// Version 2. The words `fund`, `pool`, `backstop` and `until` are names to the lexer, so a
// version 1 policy may still use them for its lets; the AST builder checks them.
waterfallClause
    : WATERFALL LBRACE waterfallItem* RBRACE
    ;

waterfallItem
    : kind=ID name=STRING layerOption*        # layerItem
    | trigger                                 # waterfallTriggerItem
    ;

layerOption
    : FLOOR amount=literal (OF ofName=ID)?    # layerFloor
    | MAX_USE share=literal PER EVENT         # layerMaxUse
    | CAP amount=literal (PER window=literal | LIFETIME)?  # layerCap
    ;

letClause
    : LET name=ID ASSIGN value=expr
    ;

eligibleClause
    : ELIGIBLE WHEN cond=expr
    ;

rankClause
    : RANK BY score=expr (WHEN cond=expr)?
    ;

reduceClause
    : REDUCE LBRACE reduceItem* RBRACE
    ;

// `fill at <price>` (version 2): `fill`, `at` and the price are names to the lexer, like the
// waterfall's words, so a version 1 policy may still use them for its lets.
reduceItem
    : tier
    | FEE rate=literal
    | {_input.LT(1).getText().equals("fill")}? fillWord=ID atWord=ID price=ID
    ;

tier
    : TIER name=STRING (WHEN cond=expr)? COLON tierMethod
    ;

tierMethod
    : QUEUE                                   # queueMethod
    | PRO_RATA share=literal (BY weight=expr)? # proRataMethod
    // version 2's `haircut [by <w>] [cap <pct> of upnl]` and `drain by <lev>`; the word is checked by the AST builder
    // (only those two words: any other word stays the syntax error "expected `queue` or `pro_rata`")
    | {TierMethodBuilder.isTierKind(_input.LT(1).getText())}? word=ID (BY weight=expr)?
      (CAP capShare=literal OF ofName=ID)?   # namedMethod
    ;

capClause
    : CAP amount=literal (OF ofName=ID)? PER EVENT
    ;

notifyClause
    : NOTIFY WHEN QUINTILE GE threshold=literal
    ;

// Precedence, tightest first: unary minus, * /, + -, comparisons, not, and, or.
expr
    : MINUS operand=expr                                          # negExpr
    | left=expr op=(STAR | SLASH) right=expr                      # mulExpr
    | left=expr op=(PLUS | MINUS) right=expr                      # addExpr
    | left=expr op=(LT | LE | GT | GE | EQ | NE) right=expr        # cmpExpr
    | NOT operand=expr                                            # notExpr
    | left=expr AND right=expr                                    # andExpr
    | left=expr OR right=expr                                     # orExpr
    | literal                                                     # literalExpr
    | EXPOSURE LPAREN source=STRING RPAREN DOT field=ID           # exposureExpr
    | name=ID LPAREN layer=STRING (COMMA expr)* RPAREN            # layerCallExpr
    | name=ID LPAREN (expr (COMMA expr)*)? RPAREN                 # callExpr
    | name=ID                                                     # varExpr
    | LPAREN inner=expr RPAREN                                    # parenExpr
    ;

literal
    : NUMBER
    | PERCENT
    | DURATION
    ;

// Keywords come before ID so that, at equal length, the keyword wins.
POLICY      : 'policy';
VERSION     : 'version';
MARKETS     : 'markets';
INPUTS      : 'inputs';
EXPOSURE    : 'exposure';
STALE_AFTER : 'stale_after';
BUFFER      : 'buffer';
WATERFALL   : 'waterfall';
LIFETIME    : 'lifetime';
FEE         : 'fee';
FLOOR       : 'floor';
OF          : 'of';
MAX_USE     : 'max_use';
PER         : 'per';
EVENT       : 'event';
TRIGGER     : 'trigger';
WHEN        : 'when';
LET         : 'let';
ELIGIBLE    : 'eligible';
RANK        : 'rank';
BY          : 'by';
REDUCE      : 'reduce';
TIER        : 'tier';
QUEUE       : 'queue';
PRO_RATA    : 'pro_rata';
CAP         : 'cap';
NOTIFY      : 'notify';
QUINTILE    : 'quintile';
AND         : 'and';
OR          : 'or';
NOT         : 'not';

DURATION : DIGITS [smhd];
PERCENT  : DECIMAL '%';
NUMBER   : DECIMAL;
ID       : [a-z_] [a-z0-9_]*;

// Any escape is lexed; the front end accepts only \" and \\ and reports the rest
// with the exact column of the backslash.
STRING   : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"';

LBRACE : '{';
RBRACE : '}';
LPAREN : '(';
RPAREN : ')';
COMMA  : ',';
COLON  : ':';
DOT    : '.';
LE     : '<=';
GE     : '>=';
EQ     : '==';
NE     : '!=';
LT     : '<';
GT     : '>';
ASSIGN : '=';
PLUS   : '+';
MINUS  : '-';
STAR   : '*';
SLASH  : '/';

COMMENT : ('#' | '//') ~[\r\n]* -> skip;
WS      : [ \t\r\n]+ -> skip;

// Tokens below exist only to turn bad input into one precise diagnostic each. They
// are defined after the valid tokens so that a valid token wins a tie in length.
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '\\'?;
BAD_NUMBER          : [0-9] [0-9_.]* [a-zA-Z_] [a-zA-Z0-9_]*;
BAD_NAME            : [a-zA-Z_] [a-zA-Z0-9_]*;
BAD_OPERATOR        : '&&' | '||' | '&' | '|' | '!';
ERROR_CHAR          : .;

fragment DIGITS  : [0-9] ('_'? [0-9])*;
fragment DECIMAL : DIGITS ('.' [0-9]+)?;
