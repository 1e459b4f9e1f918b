package dev.atelier.codecs.users;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The roles an account, and so an access token, carries. */
public enum Role {
  CUSTOMER, MERCHANT, ADMIN;

  /** How the role reads in a token and in JSON. */
  @JsonValue
  public String claim() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The role for a claim, or null for anything else. */
  @JsonCreator
  public static Role fromClaim(String claim) {
    for (Role r : values()) {
      if (r.claim().equals(claim)) {
        return r;
      }
    }
    return null;
  }
}
