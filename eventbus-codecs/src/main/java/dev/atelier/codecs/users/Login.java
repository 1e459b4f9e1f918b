package dev.atelier.codecs.users;

import dev.atelier.codecs.Checks;

/** POST /api/auth/login, and the bus request that opens a session. */
public record Login(String email, String password) {
  public Login {
    email = Checks.text("email", email, AccountRules.EMAIL_MAX);
    password = AccountRules.givenPassword(password);
  }

  @Override
  public String toString() {
    return "Login[email=" + email + ", password=***]";
  }
}
