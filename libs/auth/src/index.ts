export { Actor } from './actor';
export { checkClaims, TokenRequest } from './token-claims';
export { bearerToken, keyId, parseTtl, signToken, TokenAuthority, verifyToken } from './tokens';
export { loadOrCreateSecret, MIN_SECRET_LENGTH } from './token-secret';
export { CENTRAL_ISSUER, centralAuthority, provinceAuthority, provinceIssuer } from './authorities';
