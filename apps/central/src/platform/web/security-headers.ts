import helmet from 'helmet';

/**
 * Helmet's headers, with a content security policy the leadership views pass:
 * scripts, styles and connections (HTTP and the live WebSocket) from this origin
 * only; no inline script or style, no framing. No upgrade-insecure-requests: an
 * office may reach the app over plain HTTP inside its network.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}
