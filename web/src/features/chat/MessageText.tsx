import { parseLinks } from './links';

/** Text with its http(s) links as anchors, built as React elements: nothing in the text is ever HTML. */
export function MessageText({ text }: { text: string }) {
  return (
    <>
      {parseLinks(text).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer nofollow ugc">{segment.text}</a>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
