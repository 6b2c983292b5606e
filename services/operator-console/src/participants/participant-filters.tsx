import { useI18n } from '@photo/web/i18n/i18n';
import type { ConsoleMessageKey } from '../i18n/messages';
import { Field } from '../ui/field';
import type { ParticipantFilter } from './participant-types';

/** Search box, photographed filter and order: each change asks the API again. */
export function ParticipantFilters({
  filter,
  onChange,
}: {
  filter: ParticipantFilter;
  onChange: (filter: ParticipantFilter) => void;
}) {
  const i18n = useI18n<ConsoleMessageKey>();
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <Field label={i18n.t('participants.search')}>
        {(id) => (
          <input
            id={id}
            class="input"
            type="search"
            value={filter.q}
            placeholder={i18n.t('participants.searchHint')}
            onInput={(e) => onChange({ ...filter, q: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={i18n.t('participants.filter')}>
        {(id) => (
          <select
            id={id}
            class="select"
            value={filter.photographed}
            onChange={(e) =>
              onChange({
                ...filter,
                photographed: e.currentTarget.value as ParticipantFilter['photographed'],
              })
            }
          >
            <option value="any">{i18n.t('participants.filter.any')}</option>
            <option value="yes">{i18n.t('participants.filter.yes')}</option>
            <option value="no">{i18n.t('participants.filter.no')}</option>
          </select>
        )}
      </Field>
      <Field label={i18n.t('participants.order')}>
        {(id) => (
          <select
            id={id}
            class="select"
            value={filter.order}
            onChange={(e) =>
              onChange({ ...filter, order: e.currentTarget.value as ParticipantFilter['order'] })
            }
          >
            <option value="newest">{i18n.t('participants.order.newest')}</option>
            <option value="oldest">{i18n.t('participants.order.oldest')}</option>
          </select>
        )}
      </Field>
    </form>
  );
}
