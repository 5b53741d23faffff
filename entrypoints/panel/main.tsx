import { i18n } from '#i18n';
import { mount } from '@/components/mount';
import { App } from '@/components/panel/App';
import './panel.css';

mount(<App />, i18n.t('panel.pageTitle'));
