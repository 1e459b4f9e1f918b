package dev.atelier.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {
  // small cost: the rules under test do not depend on it
  private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
  private final PasswordHasher hasher = new PasswordHasher(CHEAP);

  @Test
  @DisplayName("a hash verifies its password and refuses another, and is a PHC string with a fresh salt")
  void roundTrip() {
    String hash = hasher.hash("correct horse battery");
    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
    assertThat(hasher.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
  }

  @Test
  @DisplayName("the PHC parser reads cost, salt and hash, and refuses other algorithms and nonsense")
  void parse() {
    var p = PasswordHasher.parse(hasher.hash("x-password"));
    assertThat(p.params()).isEqualTo(CHEAP);
    assertThat(p.salt()).hasSize(16);
    assertThat(p.hash()).hasSize(32);
    assertThat(PasswordHasher.parse("$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")).isNull();
    assertThat(PasswordHasher.parse("$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")).isNull();
    assertThat(PasswordHasher.parse("$argon2id$v=19$m=9999999,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")).isNull();
    assertThat(PasswordHasher.parse("$2b$10$abcdefghijklmnopqrstuv")).isNull();
    assertThat(PasswordHasher.parse(null)).isNull();
    assertThat(hasher.verify("x-password", "not a hash")).isFalse();
  }

  @Test
  @DisplayName("hashes from the Argon2 reference implementation verify (the PHC format agrees)")
  void referenceVectors() {
    // from Debian's argon2 CLI (the reference C code): echo -n password | argon2 somesalt -id -t 1 -m 6 -p 1 -l 32 -e
    assertThat(hasher.verify("password", "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$cpx6VEQbwTVZvcpxNIxOVUWZ5xnAipUmAe1cg2GMG70")).isTrue();
    // at the production cost: echo -n "correct horse" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
    String production = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AdweBLwcflnNX2HVW8i1Mtu7frrn4Ki7h/rYSGuU7Is";
    assertThat(hasher.verify("correct horse", production)).isTrue();
    assertThat(hasher.verify("correct horsE", production)).isFalse();
  }

  @Test
  @DisplayName("a hash made with another cost needs a rehash; one made with the configured cost does not")
  void rehash() {
    String current = hasher.hash("some password");
    assertThat(hasher.needsRehash(current)).isFalse();
    assertThat(new PasswordHasher(new Argon2Params(128, 1, 1)).needsRehash(current)).isTrue();
    assertThat(hasher.needsRehash("garbage")).isTrue();
  }
}
