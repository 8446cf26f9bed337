import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';
import { snakeCase } from './rows';

const MAX_IDENTIFIER = 63;

/**
 * Singular snake_case tables (`RefreshTokenEntity` → `refresh_token`), snake_case columns,
 * and readable constraint names in PostgreSQL's own style (`refresh_token_user_id_fkey`)
 * instead of TypeORM's hashes. Entities still name indexes and checks by hand; these are
 * the names anything left unnamed gets, so a generated migration never holds a hash.
 */
export class HearthNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName.replace(/Entity$/, ''));
  }

  override columnName(propertyName: string, customName: string, embeddedPrefixes: string[]): string {
    return customName || snakeCase([...embeddedPrefixes, propertyName].join('_'));
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(table: Table | string, _columnNames?: string[]): string {
    return identifier(this.getTableName(table), 'pkey');
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return identifier(this.getTableName(table), ...columnNames, 'key');
  }

  override relationConstraintName(table: Table | string, columnNames: string[]): string {
    return identifier(this.getTableName(table), ...columnNames, 'key');
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return identifier(this.getTableName(table), ...columnNames, 'fkey');
  }

  override indexName(table: Table | string, columnNames: string[]): string {
    return identifier(this.getTableName(table), ...columnNames, 'idx');
  }

  override defaultConstraintName(table: Table | string, columnName: string): string {
    return identifier(this.getTableName(table), columnName, 'default');
  }

  override checkConstraintName(table: Table | string, expression: string, isEnum?: boolean): string {
    const column = /^\W*"?([a-z_][a-z0-9_]*)/i.exec(expression)?.[1] ?? 'expr';
    return identifier(this.getTableName(table), column, isEnum ? 'enum_check' : 'check');
  }

  override exclusionConstraintName(table: Table | string, _expression?: string): string {
    return identifier(this.getTableName(table), 'excl');
  }

  protected override getTableName(table: Table | string): string {
    const name = typeof table === 'string' ? table : table.name;
    return name.split('.').pop()!;
  }
}

function identifier(...parts: string[]): string {
  return parts.join('_').slice(0, MAX_IDENTIFIER);
}
