package dev.atelier.runtime.ops;

import dev.atelier.runtime.internal.VertxInternals;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The correlation id of the work in hand, kept in the local data of Vert.x's duplicated context:
 * each HTTP request and each event-bus message runs on its own duplicate, and every callback of
 * that work runs there too, so the id follows the request across futures without thread-locals.
 */
public final class Correlation {
  public static final String HTTP_HEADER = "X-Correlation-Id";
  public static final String BUS_HEADER = "cid";
  private static final Object KEY = new Object();
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private Correlation() {}

  /** The id of the current request, or null outside one. */
  public static String current() {
    Map<Object, Object> local = VertxInternals.requestLocalData();
    return local == null ? null : (String) local.get(KEY);
  }

  /** Sets the id for the work on the current duplicated context; ignored on a shared one. */
  public static void set(String id) {
    // never on a root context: every later request on that event loop would inherit it
    Map<Object, Object> local = VertxInternals.requestLocalData();
    if (id != null && local != null) {
      local.put(KEY, id);
    }
  }

  /** The client's id when it is a sane token, else a new one. */
  public static String acceptOrCreate(String fromClient) {
    return fromClient != null && SANE.matcher(fromClient).matches() ? fromClient : newId();
  }

  /** 64 random bits as 16 hex digits; an id for logs, not a secret, so no SecureRandom on the hot path. */
  public static String newId() {
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return "0".repeat(16 - hex.length()) + hex;
  }
}
