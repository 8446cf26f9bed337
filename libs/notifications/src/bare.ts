/** What of notifications works without Nest (`@hearth/notifications/bare`), for the benchmark's bare reference server. */
export { INSERT_NOTIFICATION_SQL } from './notification.sql';
