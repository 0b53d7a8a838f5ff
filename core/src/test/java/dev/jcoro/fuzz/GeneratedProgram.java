package dev.jcoro.fuzz;

/**
 * One random program, before it is printed into a compilation unit.
 *
 * @param seed the seed it was generated from; {@code -Djcoro.fuzz.program=<seed>} regenerates exactly this one
 * @param simpleName the class name, unique within a batch
 * @param members the generated fields and methods, Java source, without the fixed helpers
 */
record GeneratedProgram(long seed, String simpleName, String members) {
}
