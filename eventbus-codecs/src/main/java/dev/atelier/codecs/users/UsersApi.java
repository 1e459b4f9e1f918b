package dev.atelier.codecs.users;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Topic;
import java.util.List;

/** What the users service serves and emits. */
public final class UsersApi {
  private UsersApi() {}

  /** INVALID, CONFLICT (the email is taken, in any case), UNAVAILABLE. */
  public static final Address<RegisterUser, UserView> REGISTER =
      Address.of("users.account.register", RegisterUser.class, UserView.class);
  /** INVALID, UNAUTHORIZED (the same for an unknown email and a wrong password), UNAVAILABLE. */
  public static final Address<Login, SessionTokens> LOGIN =
      Address.of("users.session.login", Login.class, SessionTokens.class);
  /** INVALID, UNAUTHORIZED (unknown, expired, revoked or reused token; reuse revokes the session), UNAVAILABLE. */
  public static final Address<RefreshSession, SessionTokens> REFRESH =
      Address.of("users.session.refresh", RefreshSession.class, SessionTokens.class);
  /** INVALID, UNAVAILABLE; logging out twice is not an error. */
  public static final Address<Logout, LoggedOut> LOGOUT =
      Address.of("users.session.logout", Logout.class, LoggedOut.class);
  /** INVALID, NOT_FOUND, UNAVAILABLE. */
  public static final Address<GetUser, UserView> GET_USER =
      Address.of("users.account.get", GetUser.class, UserView.class);

  public static final Topic<UserRegistered> USER_REGISTERED = Topic.of("user.registered", UserRegistered.class);

  public static final List<Address<?, ?>> ADDRESSES = List.of(REGISTER, LOGIN, REFRESH, LOGOUT, GET_USER);
  public static final List<Topic<?>> TOPICS = List.of(USER_REGISTERED);
}
