/**
 * The chat's rules and hot SQL without Nest (`@hearth/chat/bare`): the benchmark's bare
 * Socket.IO reference runs exactly what Hearth runs per message, and nothing else. These
 * files import other code of the chat only as types.
 */
export { isFacilitator, standingIn } from './chat-access';
export { ACCESS_SQL, type MemberColumns, messageFromJson, NAMED_SQL, sendSql, sessionFromJson, toMember } from './chat.sql';
export { messageView } from './message-view';
