package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvariantQueriesTest {
  @Test
  @DisplayName("invariants/payments.sql holds one named, read-only query per check")
  void named() {
    var queries = InvariantQueries.load();
    assertThat(queries).containsOnlyKeys("postings_balance", "ledger_sums_to_zero", "wallet_balance_is_its_entries",
        "wallet_held_is_its_held_holds", "escrow_is_the_held_holds", "giftcard_redeemed_once_into_the_ledger",
        "holds_match_their_postings");
    queries.forEach((name, sql) -> assertThat(sql).as(name).startsWith("SELECT").doesNotContain(";")
        .doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("update ").doesNotContainIgnoringCase("delete"));
  }
}
