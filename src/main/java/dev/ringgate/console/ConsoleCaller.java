package dev.ringgate.console;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.security.Caller;
import jakarta.inject.Singleton;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/** The signed-in caller and session of the current console request ({@link ConsoleFilter}). */
@Singleton
public class ConsoleCaller {
  static final String CALLER = "ringgate.console.caller";
  static final String SESSION = "ringgate.console.session";

  public Caller get() {
    return (Caller) property(CALLER);
  }

  public Session session() {
    return (Session) property(SESSION);
  }

  private static Object property(String name) {
    ResteasyReactiveRequestContext request = CurrentRequestManager.get();
    Object value = request == null ? null : request.getProperty(name);
    if (value == null) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED, "Sign in to the console first.");
    }
    return value;
  }
}
