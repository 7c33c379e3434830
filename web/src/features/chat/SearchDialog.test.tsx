// @vitest-environment happy-dom
import '../../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SearchDialog } from './SearchDialog';
import type { SearchPage, SearchRequest } from '../../api/search';
import { searchUrl } from '../../api/search';

const hit = (msgid: string, text: string, room = '#r') => ({
  room, message: { msgid, sequence: 1, time: '2026-11-26T10:00:00Z', nick: 'bob', kind: 'PRIVMSG', text },
});

describe('SearchDialog', () => {
  it('searches the open room, pages to older results and opens a result’s room', async () => {
    const search = vi.fn(async (request: SearchRequest): Promise<SearchPage> => (request.before
      ? { hits: [hit('m1', 'an older fox')], next: null }
      : { hits: [hit('m2', 'the newest fox, see https://example.org')], next: 'c1' }));
    const onOpenRoom = vi.fn();
    render(<SearchDialog open room="#r" search={search} onOpenRoom={onOpenRoom} onClose={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Words to find'), { target: { value: ' fox ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('1+ message found.');
    expect(search).toHaveBeenCalledWith({ q: 'fox', room: '#r' });
    expect(screen.getByRole('link', { name: 'https://example.org' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show older results' }));
    await screen.findByText('2 messages found.');
    expect(search).toHaveBeenLastCalledWith({ q: 'fox', room: '#r', before: 'c1' });
    fireEvent.click(screen.getAllByRole('button', { name: /bob in #r/ })[1]!);
    expect(onOpenRoom).toHaveBeenCalledWith('#r');
  });

  it('searches all rooms when asked, and shows the service’s refusal', async () => {
    const search = vi.fn(async (): Promise<SearchPage> => { throw new Error('q is the text to look for: 2 to 200 characters on one line.'); });
    render(<SearchDialog open room="#r" search={search} onOpenRoom={() => undefined} onClose={() => undefined} />);
    fireEvent.click(screen.getByLabelText('In all my rooms'));
    fireEvent.change(screen.getByLabelText('Words to find'), { target: { value: 'ok' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(search).toHaveBeenCalledWith({ q: 'ok', room: undefined }));
    expect((await screen.findByRole('alert')).textContent).toContain('2 to 200 characters');
  });

  it('asks for two characters before asking the server', () => {
    const search = vi.fn();
    render(<SearchDialog open search={search} onOpenRoom={() => undefined} onClose={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Words to find'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByRole('alert').textContent).toBe('Type at least two characters.');
    expect(search).not.toHaveBeenCalled();
    expect((screen.getByLabelText('In this room') as HTMLInputElement).disabled).toBe(true);
  });

  it('builds the gateway URL with the room and cursor', () => {
    expect(searchUrl({ q: 'a b', room: '#r', before: 'c1' })).toBe('/api/history/search?q=a+b&limit=20&room=%23r&before=c1');
  });
});
