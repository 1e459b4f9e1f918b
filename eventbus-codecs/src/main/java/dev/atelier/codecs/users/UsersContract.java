package dev.atelier.codecs.users;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The users service's contract for discovery: UsersApi plus one sample of each record. */
public final class UsersContract implements ServiceContract {
  private static final UUID USER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final UUID SESSION = UUID.fromString("1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  private static final Instant AT = Instant.parse("2026-12-01T09:30:00.123456Z");
  private static final String REFRESH = "Wm9vbGVhbi1yZWZyZXNoLXRva2VuLXNhbXBsZS0wMDAx";

  @Override
  public String service() {
    return "users";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return UsersApi.ADDRESSES;
  }

  @Override
  public List<Topic<?>> topics() {
    return UsersApi.TOPICS;
  }

  @Override
  public List<Class<?>> otherTypes() {
    return List.of(LogoutRequest.class);
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var view = new UserView(USER, "ada@example.com", "Ada Lovelace", Role.MERCHANT, AT);
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(RegisterUser.class, new RegisterUser("ada@example.com", "correct horse battery", "Ada Lovelace", Role.MERCHANT));
    samples.put(UserView.class, view);
    samples.put(Login.class, new Login("ada@example.com", "correct horse battery"));
    samples.put(SessionTokens.class, SessionTokens.bearer("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", REFRESH, 900));
    samples.put(RefreshSession.class, new RefreshSession(REFRESH));
    samples.put(Logout.class, new Logout(USER, SESSION, REFRESH));
    samples.put(LoggedOut.class, new LoggedOut(USER, 1));
    samples.put(LogoutRequest.class, new LogoutRequest(REFRESH));
    samples.put(GetUser.class, new GetUser(USER));
    samples.put(UserRegistered.class, UserRegistered.of(view));
    return samples;
  }
}
