import { i18n } from '#i18n';
import { mount } from '@/components/mount';
import { OptionsPage } from '@/components/options/OptionsPage';
import './options.css';

document.title = i18n.t('options.title');
mount(<OptionsPage />);
