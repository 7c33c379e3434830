import type { ServiceStatus } from '../../api/status';
import {
  deriveOverall,
  formatDuration,
  serviceLabel,
  serviceTone,
  type Tone,
} from './statusModel';
import { useServiceStatus } from './useServiceStatus';

function StatusDot({ tone }: { tone: Tone }) {
  return <span className={`dot dot--${tone}`} aria-hidden="true" />;
}

function formatTime(value: string | Date): string | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function ServiceRow({ service, stale }: { service: ServiceStatus; stale: boolean }) {
  const tone = stale ? 'pending' : serviceTone(service.status);
  const healthy = service.status === 'Healthy';
  return (
    <li className={`service${stale ? ' service--stale' : ''}`}>
      <StatusDot tone={tone} />
      <span className="service__name">{serviceLabel(service.name)}</span>
      <code className="service__id">{service.name}</code>
      <span className={`service__state service__state--${tone}`}>
        {healthy ? 'Healthy' : 'Unhealthy'}
      </span>
      <span className="service__duration" title="Health check duration">
        {formatDuration(service.durationMs)}
      </span>
    </li>
  );
}

export function StatusPanel() {
  const { payload, error, loading, lastAttemptAt, refresh } = useServiceStatus();
  const overall = deriveOverall({ payload, error });
  const stale = error !== null;
  const checkedAt = payload ? formatTime(payload.checkedAt) : null;
  const attempted = lastAttemptAt ? formatTime(lastAttemptAt) : null;

  return (
    <section className="panel" aria-labelledby="status-heading">
      <div className="panel__header">
        <h2 id="status-heading" className="panel__title">
          System status
        </h2>
        <button
          type="button"
          className="button"
          onClick={refresh}
          disabled={loading}
          aria-label="Check status now"
        >
          {loading ? 'Checking…' : 'Check now'}
        </button>
      </div>

      <div role="status" aria-live="polite" aria-atomic="false" className="panel__body">
        <div className={`overall overall--${overall.tone}`}>
          <StatusDot tone={overall.tone} />
          <div className="overall__text">
            <p className="overall__label">{overall.label}</p>
            <p className="overall__detail">{overall.detail}</p>
          </div>
        </div>

        {payload && payload.services.length > 0 && (
          <>
            {stale && <p className="panel__note">Last known state of each service:</p>}
            <ul className="services" aria-label="Services">
              {payload.services.map((service) => (
                <ServiceRow key={service.name} service={service} stale={stale} />
              ))}
            </ul>
          </>
        )}
      </div>

      <p className="panel__footer">
        {checkedAt && payload && (
          <>
            Checked by the gateway at <time dateTime={payload.checkedAt}>{checkedAt}</time>.{' '}
          </>
        )}
        {attempted ? <>Last attempt {attempted}; refreshes every 10 seconds.</> : <>Refreshes every 10 seconds.</>}
      </p>
    </section>
  );
}
