// Every migration, oldest first. `npm run migration:generate` appends to this list.
import { Foundation1795252041726 } from './1795252041726-Foundation';
import { Courses1795253873814 } from './1795253873814-Courses';
import { Discussions1795256062332 } from './1795256062332-Discussions';
import { Completion1795258657644 } from './1795258657644-Completion';
import { Credentials1795259290246 } from './1795259290246-Credentials';
import { Chat1795261902206 } from './1795261902206-Chat';
import { PresenceSeen1795274009169 } from './1795274009169-PresenceSeen';
import { ChatMentions1795276906834 } from './1795276906834-ChatMentions';
import { GrantSuspension1796231811959 } from './1796231811959-GrantSuspension';
import { ChatStanding1796234151557 } from './1796234151557-ChatStanding';
import { AccountSafety1796248620867 } from './1796248620867-AccountSafety';
import { ConfirmedEmailUnique1796295266446 } from './1796295266446-ConfirmedEmailUnique';
import { AccountDetails1796295730488 } from './1796295730488-AccountDetails';
import { AccountDeletion1796296860410 } from './1796296860410-AccountDeletion';
import { QueueNotifications1796299422886 } from './1796299422886-QueueNotifications';
import { SingleSignOn1796297668606 } from './1796297668606-SingleSignOn';
import { QuizShowAnswers1796305223016 } from './1796305223016-QuizShowAnswers';
import { DailyEmailDigest1796306227591 } from './1796306227591-DailyEmailDigest';
import { CompletionEvidenceTravels1796315806666 } from './1796315806666-CompletionEvidenceTravels';
import { CredentialStatus1796315912739 } from './1796315912739-CredentialStatus';
import { Shadowing1796319603993 } from './1796319603993-Shadowing';
import { ChatCoverage1796320950848 } from './1796320950848-ChatCoverage';
import { Practicum1796330000000 } from './1796330000000-Practicum';
import { Refreshers1796407200000 } from './1796407200000-Refreshers';
import { Recertification1796407900000 } from './1796407900000-Recertification';
import { Activity1796408500000 } from './1796408500000-Activity';

export const migrations = [Foundation1795252041726, Courses1795253873814, Discussions1795256062332, Completion1795258657644, Credentials1795259290246, Chat1795261902206, PresenceSeen1795274009169, ChatMentions1795276906834, GrantSuspension1796231811959, ChatStanding1796234151557, AccountSafety1796248620867, ConfirmedEmailUnique1796295266446, AccountDetails1796295730488, AccountDeletion1796296860410, SingleSignOn1796297668606, QueueNotifications1796299422886, QuizShowAnswers1796305223016, DailyEmailDigest1796306227591, CompletionEvidenceTravels1796315806666, CredentialStatus1796315912739, Shadowing1796319603993, ChatCoverage1796320950848, Practicum1796330000000, Refreshers1796407200000, Recertification1796407900000, Activity1796408500000];
