package org.bridge.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuDescriptionTest {

    private static final String TWO_PROCESSORS = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8480+
            flags\t\t: fpu sse2 fma avx avx2 avx512f avx512bw amx_bf16 amx_tile amx_int8
            
            processor\t: 1
            model name\t: Something Else
            flags\t\t: fpu sse2
            """;

    @Test
    void namesTheModelAndTheVectorSetsOfTheFirstProcessor() {
        CpuDescription cpu = CpuDescription.parse(TWO_PROCESSORS);
        assertEquals("Intel(R) Xeon(R) Platinum 8480+", cpu.model());
        assertEquals("AVX2 FMA AVX-512 AMX", cpu.vectorIsa());
    }

    @Test
    void anAvx2OnlyMachineIsToldApartFromAnAvx512One() {
        CpuDescription cpu = CpuDescription.parse("model name : Old\nflags : sse2 avx avx2 fma avx512_vnni\n");
        // avx512_vnni alone is not the AVX-512 foundation (avx512f).
        assertEquals("AVX2 FMA", cpu.vectorIsa());
    }

    @Test
    void missingLinesSayUnknownRatherThanGuess() {
        CpuDescription cpu = CpuDescription.parse("processor : 0\n");
        assertEquals("unknown", cpu.model());
        assertTrue(cpu.vectorIsa().startsWith("unknown"));
        assertEquals("none of AVX2/FMA/AVX-512/AMX", CpuDescription.parse("flags : sse2\n").vectorIsa());
    }

    @Test
    void thisMachineIsDescribed() {
        CpuDescription cpu = CpuDescription.ofThisMachine();
        assertFalse(cpu.model().isBlank());
        assertFalse(cpu.vectorIsa().isBlank());
    }
}
