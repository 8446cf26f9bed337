import { Injectable } from '@nestjs/common';
import type { FacilitatorRole, FieldError, RoleDefinitionRequest, UpdateRoleDefinitionRequest } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, DomainEvents } from '@hearth/platform';
import { CredentialsError, CredentialsErrorCode, roleNotFound } from './credentials.errors';
import { type RoleRow, RolesRepository } from './roles.repository';

/**
 * Facilitator roles as admins define them. A definition is never edited in place: each
 * change writes the next version, and grants and requests keep the version they came from.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly roles: RolesRepository,
    private readonly courses: CoursesService,
    private readonly users: UsersService,
  ) {}

  async list(): Promise<FacilitatorRole[]> {
    return this.views(await this.roles.all());
  }

  async get(key: string): Promise<FacilitatorRole> {
    const role = await this.roles.find(key);
    if (!role) throw roleNotFound();
    return (await this.views([role]))[0];
  }

  async create(caller: AuthUser, request: RoleDefinitionRequest): Promise<FacilitatorRole> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const definition = { key: request.key, name: request.name, description: request.description, rule: request.rule, effects: request.effects };
      await this.check(definition);
      if (!(await this.roles.create(definition, caller.id))) {
        throw new CredentialsError(CredentialsErrorCode.RoleKeyTaken, `There is a role with the key ${request.key} already.`, [
          { field: 'key', message: 'This key is taken.' },
        ]);
      }
      await this.events.publish('role.defined', { roleKey: request.key, version: 1, name: request.name, effects: definition.effects, actorId: caller.id });
      return this.get(request.key);
    });
  }

  /** A new version with the changes; grants already made keep theirs. */
  async update(caller: AuthUser, key: string, request: UpdateRoleDefinitionRequest): Promise<FacilitatorRole> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const { definition } = await this.changed(key, request);
      const version = await this.roles.addVersion(definition, caller.id);
      await this.events.publish('role.defined', { roleKey: key, version, name: definition.name, effects: definition.effects, actorId: caller.id });
      return this.get(key);
    });
  }

  /** The role as it is and as the changes would make it, checked as a save checks it (RoleChangePreview shows it before). */
  async changed(key: string, request: UpdateRoleDefinitionRequest): Promise<{ current: RoleRow; definition: Omit<RoleRow, 'version' | 'createdAt'> }> {
    const current = await this.roles.find(key);
    if (!current) throw roleNotFound();
    const definition = {
      key,
      name: request.name ?? current.name,
      description: request.description ?? current.description,
      rule: request.rule ?? current.rule,
      effects: request.effects ?? current.effects,
    };
    await this.check(definition);
    return { current, definition };
  }

  /** Courses that exist and are published, roles that exist, and no role that needs itself (even through others). */
  private async check(definition: Omit<RoleRow, 'version' | 'createdAt'>): Promise<void> {
    const problems: FieldError[] = [];
    const courses = await this.courses.briefs(definition.rule.courseIds);
    definition.rule.courseIds.forEach((id, i) => {
      if (!courses.has(id)) problems.push({ field: `rule.courseIds.${i}`, message: 'There is no published course with this id.' });
    });
    // Shadowing is the last step of a training path, and what starts the path is a course.
    if (definition.rule.shadowSessions && definition.rule.courseIds.length === 0) {
      problems.push({ field: 'rule.shadowSessions', message: 'Shadowing comes on top of courses: name at least one course to complete.' });
    }
    const all = new Map((await this.roles.all()).map((role) => [role.key, role]));
    all.set(definition.key, { ...definition, version: 0, createdAt: new Date() });
    definition.rule.roleKeys.forEach((key, i) => {
      if (!all.has(key)) problems.push({ field: `rule.roleKeys.${i}`, message: `There is no role ${key}.` });
    });
    const needsItself = (key: string, seen: Set<string>): boolean =>
      (all.get(key)?.rule.roleKeys ?? []).some((needed) => needed === definition.key || (!seen.has(needed) && needsItself(needed, new Set([...seen, needed]))));
    if (definition.rule.roleKeys.includes(definition.key) || needsItself(definition.key, new Set())) {
      problems.push({ field: 'rule.roleKeys', message: 'A role cannot require itself, directly or through other roles.' });
    }
    if (problems.length > 0) throw new CredentialsError(CredentialsErrorCode.InvalidRole, 'The role’s rule has problems.', problems);
  }

  private async views(rows: RoleRow[]): Promise<FacilitatorRole[]> {
    const courses = await this.courses.briefs(rows.flatMap((row) => row.rule.courseIds));
    return rows.map((row) => ({
      key: row.key,
      name: row.name,
      description: row.description,
      version: row.version,
      rule: row.rule,
      effects: row.effects,
      courses: row.rule.courseIds.flatMap((id) => {
        const course = courses.get(id);
        return course ? [{ id: course.id, slug: course.slug, title: course.title }] : [];
      }),
      updatedAt: row.createdAt.toISOString(),
    }));
  }
}
