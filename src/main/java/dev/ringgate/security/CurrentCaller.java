package dev.ringgate.security;

import dev.ringgate.web.ApiException;
import dev.ringgate.web.ErrorCode;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentCaller {
  private Caller caller;

  void set(Caller caller) {
    this.caller = caller;
  }

  /** The authenticated caller; 401 if the request carried no valid credential. */
  public Caller get() {
    if (caller == null) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED, "No valid credential was presented.");
    }
    return caller;
  }
}
