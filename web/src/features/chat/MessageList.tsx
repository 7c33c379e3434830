import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { actionText, exactTime, groupTimeline, relativeTime, type MessageGroup } from './grouping';
import type { TimelineItem } from './messageModel';
import type { Conversation } from './chatState';
import { MessageText } from './MessageText';

function describeEvent(item: TimelineItem): string {
  const args = item.arguments ?? [];
  switch (item.kind) {
    case 'JOIN': return `${item.nick} joined`;
    case 'PART': return `${item.nick} left${item.text ? ` (${item.text})` : ''}`;
    case 'QUIT': return `${item.nick} quit${item.text ? ` (${item.text})` : ''}`;
    case 'KICK': return `${item.nick} removed ${args[0] ?? 'someone'}${item.text ? ` (${item.text})` : ''}`;
    case 'TOPIC': return `${item.nick} set the topic: ${item.text}`;
    case 'NICK': return `${item.nick} is now ${args[0] ?? item.text}`;
    case 'MODE': return `${item.nick} set mode ${[item.text, ...args].filter(Boolean).join(' ')}`;
    case 'INVITE': return `${item.nick} invited ${args[0] ?? 'someone'}`;
    default: return `${item.nick}: ${item.kind} ${item.text}`;
  }
}

function Time({ iso, now }: { iso: string; now: Date }) {
  return <time dateTime={iso} title={exactTime(iso)}>{relativeTime(iso, now)}</time>;
}

function Delivery({ item, onRetry }: { item: TimelineItem; onRetry: (localId: string) => void }) {
  if (item.state === 'pending') return <span className="delivery pending">Sending…</span>;
  if (item.state === 'failed') {
    return (
      <span className="delivery failed" role="alert">
        Not sent{item.error ? `: ${item.error}` : ''}{' '}
        <button type="button" className="link-button" onClick={() => onRetry(item.localId!)}>Retry</button>
      </span>
    );
  }
  return null;
}

function Group({ group, now, onRetry }: { group: MessageGroup; now: Date; onRetry: (localId: string) => void }) {
  const first = group.items[0]!;
  if (group.kind === 'event') {
    return <li className="event-line"><span>{describeEvent(first)}</span> <Time iso={first.time} now={now} /></li>;
  }
  if (group.kind === 'action') {
    return (
      <li className={`action-line state-${first.state}`}>
        <span aria-hidden="true">✱ </span><strong>{first.nick}</strong> <MessageText text={actionText(first.text) ?? ''} />{' '}
        <Time iso={first.time} now={now} /> <Delivery item={first} onRetry={onRetry} />
      </li>
    );
  }
  return (
    <li className="message-group">
      <div className="avatar" aria-hidden="true">{first.nick.slice(0, 1).toUpperCase()}</div>
      <div className="group-body">
        <p className="group-head"><strong className="author">{first.nick}</strong> <Time iso={first.time} now={now} /></p>
        {group.items.map((item) => (
          <p key={item.localId ?? item.msgid} className={`message-text state-${item.state}${item.kind === 'NOTICE' ? ' notice' : ''}`}>
            <MessageText text={item.text} /> <Delivery item={item} onRetry={onRetry} />
          </p>
        ))}
      </div>
    </li>
  );
}

function dayLabel(day: string, now: Date): string {
  const today = now.toLocaleDateString('en-CA');
  const yesterday = new Date(now.getTime() - 86_400_000).toLocaleDateString('en-CA');
  if (day === today) return 'Today';
  if (day === yesterday) return 'Yesterday';
  return new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
}

/**
 * The conversation's timeline: scrolled to the newest unless the reader scrolled up; reaching the
 * top loads older history (the scroll position kept); "Jump to latest" when away from the end.
 */
export function MessageList({ conversation, onLoadOlder, onRetry }: {
  conversation: Conversation;
  onLoadOlder: () => Promise<void>;
  onRetry: (localId: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previousHeight = useRef(0);
  const loading = useRef(false);
  const [showJump, setShowJump] = useState(false);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const { timeline } = conversation;
  const sections = groupTimeline(timeline);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (atBottom.current) element.scrollTop = element.scrollHeight;
    else if (loading.current) element.scrollTop += element.scrollHeight - previousHeight.current;
    previousHeight.current = element.scrollHeight;
  }, [timeline]);

  useEffect(() => {
    atBottom.current = true;
    setShowJump(false);
  }, [conversation.name]);

  useEffect(() => {
    const sentinel = top.current;
    const root = scroller.current;
    if (!sentinel || !root || conversation.complete) return;
    const observer = new IntersectionObserver(async (entries) => {
      if (!entries.some((entry) => entry.isIntersecting) || loading.current || timeline.length === 0) return;
      loading.current = true;
      previousHeight.current = root.scrollHeight;
      try {
        await onLoadOlder();
      } finally {
        setTimeout(() => { loading.current = false; }, 100);
      }
    }, { root, rootMargin: '200px 0px 0px 0px' });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [conversation.complete, onLoadOlder, timeline.length]);

  const onScroll = () => {
    const element = scroller.current!;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    setShowJump(!atBottom.current);
  };

  const jump = () => {
    const element = scroller.current!;
    element.scrollTo({ top: element.scrollHeight, behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  };

  return (
    <div className="message-area">
      <div ref={scroller} className="message-scroller" onScroll={onScroll} tabIndex={0} aria-label={`Messages in ${conversation.name}`}>
        <div ref={top} className="history-edge">
          {conversation.complete ? <p className="muted">This is the beginning of {conversation.name}.</p> : <p className="muted">Loading earlier messages…</p>}
        </div>
        <div role="log" aria-live="polite" aria-relevant="additions" aria-label={`${conversation.name} messages`}>
          {sections.map((section) => (
            <section key={section.day} aria-label={dayLabel(section.day, now)}>
              <h3 className="day-divider"><span>{dayLabel(section.day, now)}</span></h3>
              <ul className="groups">
                {section.groups.map((group) => (
                  <Fragment key={group.key}>
                    {conversation.unreadFrom && group.items.some((item) => item.msgid === conversation.unreadFrom) && (
                      <li className="unread-divider"><span>New messages</span></li>
                    )}
                    <Group group={group} now={now} onRetry={onRetry} />
                  </Fragment>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
      {showJump && <button type="button" className="jump-latest" onClick={jump}>Jump to latest ↓</button>}
    </div>
  );
}
