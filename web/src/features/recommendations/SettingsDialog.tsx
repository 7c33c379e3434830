import { useEffect, useRef, useState } from 'react';
import { saveSettings, type RecommendationSettings } from '../../api/recommendations';

/**
 * The account's settings; today the personalisation opt-out of the recommendations (docs/ml.md,
 * `/api/recommendations/settings`). Shown only where the server has that endpoint.
 */
export function SettingsDialog({ open, settings, token, onClose, onSaved }: {
  open: boolean;
  settings: RecommendationSettings;
  token: () => Promise<string>;
  onClose: () => void;
  onSaved: (settings: RecommendationSettings) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // happy-dom and old browsers lack showModal; the open attribute is the fallback.
    if (open && !element.open) (element.showModal ? element.showModal() : element.setAttribute('open', ''));
    if (!open && element.open) element.close();
  }, [open]);

  const toggle = async (personalised: boolean) => {
    setSaving(true);
    setError(null);
    try {
      const outcome = await saveSettings(await token(), { personalised });
      if (outcome.ok) onSaved(outcome.value);
      else setError(outcome.problem.detail ?? outcome.problem.title);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="settings-heading" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="settings-heading">Settings</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>✕</button>
      </div>
      <div className="setting-row">
        <input id="personalised" type="checkbox" checked={settings.personalised} disabled={saving}
          aria-describedby="personalised-note" onChange={(event) => void toggle(event.target.checked)} />
        <div>
          <label htmlFor="personalised"><strong>Personalised suggestions</strong></label>
          <p id="personalised-note" className="muted">
            Suggest rooms and people from what you do here. Turned off, everyone gets the same popular
            suggestions and your activity is not kept for them.
          </p>
        </div>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
    </dialog>
  );
}
