import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

/**
 * One line at a time (IRC carries lines); Enter sends, `/me` is an action; `/join #room`, `/topic`,
 * `/part`, `/msg nick text`, `/invite nick`, `/kick nick [reason]` and `/mode +m…` work too.
 */
export function Composer({ name, onSend, onCommand, onTyping }: {
  name: string;
  onSend: (text: string) => Promise<void>;
  onCommand: (command: string, argument: string) => Promise<string | null>;
  onTyping: (state: 'active' | 'done') => void;
}) {
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const lastTyping = useRef(0);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const line = text.replace(/[\r\n]+/g, ' ').trim();
    if (!line) return;
    setText('');
    onTyping('done');
    const command = /^\/(join|topic|part|leave|msg|query|invite|kick|mode)\b\s*(.*)$/i.exec(line);
    if (command) {
      setNote(await onCommand((command[1] ?? '').toLowerCase(), command[2] ?? ''));
      return;
    }
    setNote(null);
    await onSend(line);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  const change = (value: string) => {
    setText(value);
    // draft/typing: "active" at most every 3 s while typing, "done" when the box is emptied.
    const now = Date.now();
    if (!value) onTyping('done');
    else if (now - lastTyping.current > 3000) {
      lastTyping.current = now;
      onTyping('active');
    }
  };

  return (
    <form className="composer" onSubmit={(event) => void submit(event)}>
      <label htmlFor="composer-input" className="visually-hidden">Message {name}</label>
      <textarea
        id="composer-input"
        rows={1}
        value={text}
        placeholder={`Message ${name}`}
        maxLength={400}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button primary" disabled={!text.trim()}>Send</button>
      {note && <p className="composer-note" role="status">{note}</p>}
    </form>
  );
}
