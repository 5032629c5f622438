package org.bridge.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The processor a run trained on: its model name and the vector instruction sets that change
 * the native backend's arithmetic (AVX2, AVX-512, AMX). Two machines with different sets can
 * give a run different last digits, so provenance records them (experiments/NOTES.md).
 */
record CpuDescription(String model, String vectorIsa) {

    static final Path LINUX_CPUINFO = Path.of("/proc/cpuinfo");

    /** Reads {@code /proc/cpuinfo}; off Linux, both fields say why they are unknown. */
    static CpuDescription ofThisMachine() {
        try {
            return parse(Files.readString(LINUX_CPUINFO));
        } catch (IOException | RuntimeException e) {
            String why = "unknown (" + LINUX_CPUINFO + " not readable)";
            return new CpuDescription(why, why);
        }
    }

    /** The first processor block of a cpuinfo text. */
    static CpuDescription parse(String cpuinfo) {
        String model = field(cpuinfo, "model name");
        String flags = field(cpuinfo, "flags");
        return new CpuDescription(model == null ? "unknown" : model,
                flags == null ? "unknown (no flags line)" : vectorIsa(flags));
    }

    private static String vectorIsa(String flagLine) {
        Set<String> flags = Arrays.stream(flagLine.trim().split("\\s+")).collect(Collectors.toSet());
        List<String> isa = new ArrayList<>();
        if (flags.contains("avx2")) {
            isa.add("AVX2");
        }
        if (flags.contains("fma")) {
            isa.add("FMA");
        }
        if (flags.contains("avx512f")) {
            isa.add("AVX-512");
        }
        if (flags.contains("amx_tile")) {
            isa.add("AMX");
        }
        return isa.isEmpty() ? "none of AVX2/FMA/AVX-512/AMX" : String.join(" ", isa);
    }

    private static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
