package dev.atelier.codecs.ops;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Topic;
import java.util.List;

/** What the operations service serves: the dead letters operators list, replay and discard. */
public final class OpsApi {
  private OpsApi() {}

  /** INVALID, UNAVAILABLE. Oldest first. */
  public static final Address<ListDeadLetters, DeadLetterPage> LIST_DEAD_LETTERS =
      Address.of("ops.deadLetters.list", ListDeadLetters.class, DeadLetterPage.class);
  /** NOT_FOUND, UNAVAILABLE (the broker did not confirm: the dead letter stays parked). */
  public static final Address<DeadLetterRef, DeadLetterView> REPLAY_DEAD_LETTER =
      Address.of("ops.deadLetters.replay", DeadLetterRef.class, DeadLetterView.class);
  /** NOT_FOUND, UNAVAILABLE. */
  public static final Address<DeadLetterRef, DeadLetterRef> DISCARD_DEAD_LETTER =
      Address.of("ops.deadLetters.discard", DeadLetterRef.class, DeadLetterRef.class);

  public static final List<Address<?, ?>> ADDRESSES = List.of(LIST_DEAD_LETTERS, REPLAY_DEAD_LETTER, DISCARD_DEAD_LETTER);
  public static final List<Topic<?>> TOPICS = List.of();
}
