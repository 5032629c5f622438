package org.bridge.config;

/**
 * A failure the user can fix (a missing file, a malformed line, a missing tool). The message
 * names the file or line and says what to do; front ends show it as one line.
 */
public class UserFacingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
