import { i18n } from '#i18n';
import { mount } from '@/components/mount';
import { App } from '@/components/popup/App';
import './popup.css';

mount(<App />, i18n.t('manifest.name'));
