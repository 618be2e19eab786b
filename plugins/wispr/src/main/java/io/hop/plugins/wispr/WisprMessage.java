package io.hop.plugins.wispr;

import java.util.List;

/** A WISPr 1.0 message ({@code WISPAccessGatewayParam}'s child); see shared/conformance/wispr-1.0.md. */
public sealed interface WisprMessage {

    int messageType();

    int responseCode();

    /** MessageType 100: where to log in. */
    record Redirect(int messageType, int responseCode, String accessProcedure, String accessLocation,
            String locationName, String loginUrl, String abortLoginUrl) implements WisprMessage {
    }

    /** MessageType 110: repeat the request at {@code nextUrl} after {@code delay} seconds. */
    record Proxy(int messageType, int responseCode, String nextUrl, int delay) implements WisprMessage {
    }

    /**
     * MessageType 120 (AuthenticationReply) or 140 (AuthenticationPollReply): the answer to a login or to a poll.
     * {@code responseCode} 50 is success, 201 pending (poll {@code loginResultsUrl} after {@code delay} seconds).
     */
    record AuthenticationReply(int messageType, int responseCode, List<String> replyMessages, String loginResultsUrl,
            String logoffUrl, int delay, String redirectionUrl) implements WisprMessage {

        public AuthenticationReply {
            replyMessages = replyMessages == null ? List.of() : List.copyOf(replyMessages);
        }
    }

    /** MessageType 130. */
    record LogoffReply(int messageType, int responseCode) implements WisprMessage {
    }

    /** MessageType 150. */
    record AbortLoginReply(int messageType, int responseCode) implements WisprMessage {
    }

    /** ResponseCodes of WISPr 1.0. */
    final class Codes {
        public static final int NO_ERROR = 0;
        public static final int LOGIN_SUCCEEDED = 50;
        public static final int LOGIN_FAILED = 100;
        public static final int RADIUS_ERROR = 102;
        public static final int RADIUS_NOT_ENABLED = 105;
        public static final int LOGOFF_SUCCEEDED = 150;
        public static final int LOGIN_ABORTED = 151;
        public static final int PROXY_DETECTION = 200;
        public static final int AUTHENTICATION_PENDING = 201;
        public static final int GATEWAY_ERROR = 255;

        private Codes() {
        }
    }
}
