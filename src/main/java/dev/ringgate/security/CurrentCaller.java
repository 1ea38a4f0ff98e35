package dev.ringgate.security;

import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import jakarta.inject.Singleton;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * The caller of the current request, as {@link AuthFilter} authenticated it. Kept as a property of
 * the request itself rather than in a request-scoped bean, so that the check-in hot path needs no
 * CDI request context.
 */
@Singleton
public class CurrentCaller {
  static final String PROPERTY = "ringgate.caller";

  /** The authenticated caller; 401 if the request carried no valid credential. */
  public Caller get() {
    ResteasyReactiveRequestContext request = CurrentRequestManager.get();
    Object caller = request == null ? null : request.getProperty(PROPERTY);
    if (caller == null) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED, "No valid credential was presented.");
    }
    return (Caller) caller;
  }
}
