package dev.atelier.gateway.auth;

/** The roles an access token can carry. */
public enum Role {
  CUSTOMER, MERCHANT, ADMIN;

  public String claim() {
    return name().toLowerCase();
  }

  public static Role fromClaim(String claim) {
    for (Role r : values()) {
      if (r.claim().equals(claim)) {
        return r;
      }
    }
    return null;
  }
}
