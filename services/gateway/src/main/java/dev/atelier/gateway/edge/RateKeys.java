package dev.atelier.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** Names of the rate-limit buckets in Redis: {@code rl:<class>:u:<userId>}, {@code rl:<class>:ip:<ip>}, {@code rl:login:email:<sha256>}. */
public final class RateKeys {
  private RateKeys() {}

  /** A signed-in caller's bucket for one rate class ({@code read}, {@code write}, {@code auth}). */
  public static String forUser(String rateClass, UUID userId) {
    return "rl:" + rateClass + ":u:" + userId;
  }

  /** An anonymous caller's bucket for one rate class, by client IP. */
  public static String forIp(String rateClass, String ip) {
    return "rl:" + rateClass + ":ip:" + ip;
  }

  /**
   * The network an address stands for: an IPv4 address itself, an IPv6 address its /64 (one host
   * usually holds a whole /64, so per-address buckets would let it rotate away from its limit).
   */
  public static String network(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      var sb = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        sb.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
      }
      return sb.append(":/64").toString();
    } catch (java.net.UnknownHostException e) {
      return address;
    }
  }

  /**
   * The bucket for login attempts on one email. The key holds a SHA-256 of the lower-cased address,
   * never the address: Redis keys show up in MONITOR, SCAN and dumps.
   */
  public static String forLoginEmail(String email) {
    return "rl:login:email:" + sha256Hex(email.strip().toLowerCase(Locale.ROOT));
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
