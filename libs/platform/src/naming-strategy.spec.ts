import { HearthNamingStrategy } from './naming-strategy';
import { snakeCase } from './rows';

describe('HearthNamingStrategy', () => {
  const naming = new HearthNamingStrategy();

  it('makes singular snake_case tables from entity class names', () => {
    expect(naming.tableName('RefreshTokenEntity', undefined)).toBe('refresh_token');
    expect(naming.tableName('UserEntity', 'user')).toBe('user');
  });

  it('makes snake_case columns', () => {
    expect(naming.columnName('displayName', '', [])).toBe('display_name');
    expect(naming.columnName('x', 'custom', [])).toBe('custom');
    expect(naming.joinColumnName('user', 'id')).toBe('user_id');
  });

  it('names constraints the way PostgreSQL would, never with a hash', () => {
    expect(naming.primaryKeyName('refresh_token', ['id'])).toBe('refresh_token_pkey');
    expect(naming.foreignKeyName('refresh_token', ['user_id'])).toBe('refresh_token_user_id_fkey');
    expect(naming.uniqueConstraintName('user', ['email'])).toBe('user_email_key');
    expect(naming.indexName('reply', ['thread_id', 'created_at'])).toBe('reply_thread_id_created_at_idx');
    expect(naming.checkConstraintName('user', `"platform_roles" <@ ARRAY['admin']`)).toBe('user_platform_roles_check');
  });

  it('keeps names within PostgreSQL’s 63 characters', () => {
    expect(naming.indexName('a_rather_long_table_name', ['a_rather_long_column', 'another_long_column_name']).length).toBeLessThanOrEqual(63);
  });

  it('splits camel case and acronyms', () => {
    expect(snakeCase('HTTPRequestLog')).toBe('http_request_log');
    expect(snakeCase('grantedAt')).toBe('granted_at');
  });
});
