package dev.atelier.codecs.users;

import dev.atelier.codecs.Checks;
import dev.atelier.codecs.Failure;
import java.util.regex.Pattern;

/** The field rules registration and login share, each naming the field at fault. */
public final class AccountRules {
  // RFC 5321 caps an address at 254 characters; the shape check stays loose on purpose
  public static final int EMAIL_MAX = 254;
  public static final int PASSWORD_MIN = 8;
  // Argon2 takes any length; a cap keeps a megabyte "password" from costing a worker
  public static final int PASSWORD_MAX = 128;
  public static final int NAME_MAX = 100;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

  private AccountRules() {}

  public static String email(String value) {
    String t = Checks.text("email", value, EMAIL_MAX);
    if (!EMAIL.matcher(t).matches()) {
      throw Failure.invalid("email", "must be an email address");
    }
    return t;
  }

  /** Kept exactly as typed: spaces count. */
  public static String newPassword(String value) {
    Checks.required("password", value);
    int length = value.codePointCount(0, value.length());
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      throw Failure.invalid("password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
    }
    if (value.isBlank()) {
      throw Failure.invalid("password", "must not be blank");
    }
    return value;
  }

  /** A password to check: only bounded, so old accounts keep logging in if the rules tighten. */
  public static String givenPassword(String value) {
    Checks.required("password", value);
    if (value.isEmpty() || value.length() > 4 * PASSWORD_MAX) {
      throw Failure.invalid("password", "must be 1 to " + PASSWORD_MAX + " characters");
    }
    return value;
  }

  public static String name(String value) {
    return Checks.text("name", value, NAME_MAX);
  }

  /** Who may register themselves: customers and merchants; admins come from configuration. */
  public static Role selfServiceRole(Role role) {
    if (role != Role.CUSTOMER && role != Role.MERCHANT) {
      throw Failure.invalid("role", "must be customer or merchant");
    }
    return role;
  }
}
