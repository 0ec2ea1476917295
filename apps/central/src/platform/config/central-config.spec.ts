import { ConfigError, loadCentralConfig } from './central-config';

describe('central config: HTTP timeouts', () => {
  it('keeps idle connections longer than a load balancer’s 60 s by default', () => {
    const config = loadCentralConfig('demo', {});
    expect(config.keepAliveTimeoutMs).toBe(65_000);
    expect(config.headersTimeoutMs).toBe(66_000);
  });

  it('takes both from the environment', () => {
    const config = loadCentralConfig('demo', {
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '120000',
      HTTP_HEADERS_TIMEOUT_MS: '121000',
    });
    expect(config.keepAliveTimeoutMs).toBe(120_000);
    expect(config.headersTimeoutMs).toBe(121_000);
  });

  it.each([
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: '65s' },
      'HTTP_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 300000',
    ],
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' },
      'HTTP_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 300000',
    ],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '1.5e6' },
      'HTTP_HEADERS_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 300000',
    ],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '65000' },
      'HTTP_HEADERS_TIMEOUT_MS must be greater than HTTP_KEEP_ALIVE_TIMEOUT_MS',
    ],
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: '90000', HTTP_HEADERS_TIMEOUT_MS: '' },
      'HTTP_HEADERS_TIMEOUT_MS must be greater than HTTP_KEEP_ALIVE_TIMEOUT_MS',
    ],
  ])('refuses %j: %s', (env, message) => {
    expect(() => loadCentralConfig('demo', env)).toThrow(ConfigError);
    expect(() => loadCentralConfig('demo', env)).toThrow(message);
  });

  it('names only the bad keep-alive value, not the headers timeout compared with it', () => {
    expect(() => loadCentralConfig('demo', { HTTP_KEEP_ALIVE_TIMEOUT_MS: 'abc' })).toThrow(
      /^HTTP_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 300000$/,
    );
  });
});
