package dev.adl.check;

/** What an expression yields. ERROR marks an expression already reported, so nothing cascades from it. */
enum Type {
    NUMBER("a number"), CONDITION("a condition"), ERROR("an error");

    final String description;

    Type(String description) {
        this.description = description;
    }
}
