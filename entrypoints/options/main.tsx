import { i18n } from '#i18n';
import { mount } from '@/components/mount';
import { OptionsPage } from '@/components/options/OptionsPage';
import './options.css';

mount(<OptionsPage />, i18n.t('options.title'));
