import { useI18n } from '@photo/web/i18n/i18n';
import type { ConsoleMessageKey } from '../i18n/messages';
import { Field, SelectField } from '../ui/field';
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
      <SelectField
        label={i18n.t('participants.filter')}
        value={filter.photographed}
        options={(['any', 'yes', 'no'] as const).map((v) => [v, i18n.t(`participants.filter.${v}`)])}
        onChange={(photographed) => onChange({ ...filter, photographed })}
      />
      <SelectField
        label={i18n.t('participants.order')}
        value={filter.order}
        options={(['newest', 'oldest'] as const).map((v) => [v, i18n.t(`participants.order.${v}`)])}
        onChange={(order) => onChange({ ...filter, order })}
      />
    </form>
  );
}
