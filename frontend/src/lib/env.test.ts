import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('talks to the page origin when VITE_APP_API_URL is unset or blank', () => {
    expect(parseEnv({}, 'https://app.example.com')).toEqual({ graphqlUrl: 'https://app.example.com/graphql' });
    expect(parseEnv({ VITE_APP_API_URL: '  ' }, 'https://app.example.com').graphqlUrl).toBe(
      'https://app.example.com/graphql',
    );
  });

  it('points at another origin, keeping a base path', () => {
    expect(parseEnv({ VITE_APP_API_URL: 'https://api.example.com' }, 'https://app.example.com')).toEqual({
      graphqlUrl: 'https://api.example.com/graphql',
    });
    expect(parseEnv({ VITE_APP_API_URL: 'https://example.com/api/' }, 'https://app.example.com').graphqlUrl).toBe(
      'https://example.com/api/graphql',
    );
  });

  it('refuses a URL that is not absolute http(s)', () => {
    expect(() => parseEnv({ VITE_APP_API_URL: 'api.example.com' }, 'https://a.com')).toThrow(EnvError);
    expect(() => parseEnv({ VITE_APP_API_URL: 'ftp://api.example.com' }, 'https://a.com')).toThrow(EnvError);
  });
});
