package dev.atelier.codecs.users;

import static dev.atelier.codecs.Checks.required;

import dev.atelier.codecs.Failure;

/** A login or refresh reply: a new access token and the refresh token that replaces the last one. */
public record SessionTokens(String accessToken, String refreshToken, long expiresIn, String tokenType) {
  public static final String BEARER = "Bearer";

  public SessionTokens {
    required("accessToken", accessToken);
    required("refreshToken", refreshToken);
    if (expiresIn <= 0) {
      throw Failure.invalid("expiresIn", "must be positive");
    }
    if (!BEARER.equals(tokenType)) {
      throw Failure.invalid("tokenType", "must be Bearer");
    }
  }

  public static SessionTokens bearer(String accessToken, String refreshToken, long expiresIn) {
    return new SessionTokens(accessToken, refreshToken, expiresIn, BEARER);
  }

  @Override
  public String toString() {
    return "SessionTokens[accessToken=***, refreshToken=***, expiresIn=" + expiresIn + ", tokenType=" + tokenType + "]";
  }
}
