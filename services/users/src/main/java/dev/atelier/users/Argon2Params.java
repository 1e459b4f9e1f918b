package dev.atelier.users;

/** Argon2id cost: memory in KiB, passes, lanes. The defaults are OWASP's (19 MiB, 2, 1). */
record Argon2Params(int memoryKib, int iterations, int parallelism) {
  Argon2Params {
    if (parallelism < 1 || parallelism > 16) {
      throw new IllegalArgumentException("users.argon2.parallelism must be 1-16");
    }
    if (memoryKib < 8 * parallelism || memoryKib > 1_048_576) {
      throw new IllegalArgumentException("users.argon2.memoryKib must be between 8 x parallelism and 1048576");
    }
    if (iterations < 1 || iterations > 20) {
      throw new IllegalArgumentException("users.argon2.iterations must be 1-20");
    }
  }
}
