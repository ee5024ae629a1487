package dev.adl.cli;

import dev.adl.compile.CompiledPolicy;
import dev.adl.lab.MarketSpec;
import dev.adl.lab.PolicySet;
import dev.adl.lab.VenueSnapshot;
import dev.adl.lab.VenueReader;
import dev.adl.lab.VenueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What `adl stress` and `adl replay` share: the venue folder, the policies of each run, the output files. */
final class LabInputs {
    private LabInputs() {
    }

    static VenueSnapshot venue(Path dir) {
        if (!Files.isDirectory(dir)) throw new CliException(dir + ": error: not a venue folder");
        return VenueReader.read(new VenueSource() {
            @Override
            public byte[] read(String file) {
                Path p = dir.resolve(file);
                try {
                    return Files.readAllBytes(p);
                } catch (NoSuchFileException e) {
                    return null;
                } catch (IOException e) {
                    throw new CliException(p + ": error: cannot read the file (" + e.getMessage() + ")");
                }
            }

            @Override
            public String display(String file) {
                return dir.resolve(file).toString();
            }
        });
    }

    /**
     * One policy set per {@code --policy} file, each for every market; without any, one set of
     * the markets' own policies (paths relative to the venue folder, each compiled once).
     */
    static List<PolicySet> policies(Path dir, VenueSnapshot venue, List<Path> files) {
        List<PolicySet> sets = new ArrayList<>();
        if (files != null && !files.isEmpty()) {
            for (Path f : files) {
                sets.add(PolicySet.everywhere(Policies.compile(f).policy(), venue.markets(), f.toString()));
            }
            return sets;
        }
        Map<String, CompiledPolicy> compiled = new HashMap<>();
        Map<String, CompiledPolicy> byMarket = new LinkedHashMap<>();
        for (MarketSpec m : venue.markets()) {
            CompiledPolicy p = compiled.computeIfAbsent(m.policy(), f -> Policies.compile(dir.resolve(f)).policy());
            if (!p.appliesTo(m.market())) {
                throw new CliException(dir.resolve(VenueReader.MARKETS) + ": error: policy `" + p.name()
                        + "` (" + m.policy() + ") does not apply to market `" + m.market() + "`");
            }
            byMarket.put(m.market(), p);
        }
        sets.add(PolicySet.ofMarkets(byMarket));
        return sets;
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new CliException(file + ": error: cannot write the file (" + e.getMessage() + ")");
        }
    }
}
