package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

public record GetWallet(UUID userId) {
  public GetWallet {
    required("userId", userId);
  }
}
