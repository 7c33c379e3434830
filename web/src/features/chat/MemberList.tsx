import type { Conversation, Member } from './chatState';

const rank = (prefixes: string) => (prefixes.includes('o') || prefixes.includes('@') ? 0 : prefixes.includes('v') || prefixes.includes('+') ? 1 : 2);

/** Members of the room with presence: everyone listed is connected; away when they said so. */
export function MemberList({ conversation, away, onSelect }: {
  conversation: Conversation | undefined;
  away: Record<string, boolean>;
  /** Opens the member's dialog: a direct message, and moderation for operators. */
  onSelect: (member: Member) => void;
}) {
  if (!conversation || conversation.kind !== 'room') return <p className="muted pad">No members to show.</p>;
  const members = [...conversation.members].sort((a, b) => rank(a.prefixes) - rank(b.prefixes) || a.nick.localeCompare(b.nick));
  return (
    <>
      <h2 className="panel-title">Members <span className="count">{members.length}</span></h2>
      <ul className="member-list" aria-label={`Members of ${conversation.name}`}>
        {members.map((member) => {
          const isAway = away[member.nick.toLowerCase()] === true;
          const role = rank(member.prefixes) === 0 ? 'operator' : rank(member.prefixes) === 1 ? 'voice' : null;
          return (
            <li key={member.nick}>
              <button type="button" className="member" onClick={() => onSelect(member)} aria-label={`${member.nick}, ${isAway ? 'away' : 'online'}${role ? `, ${role}` : ''}`}>
                <span className={`presence ${isAway ? 'away' : 'online'}`} aria-hidden="true" />
                <span className="member-nick">{member.nick}</span>
                {role && <span className="member-role" aria-hidden="true">{role === 'operator' ? '@' : '+'}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
