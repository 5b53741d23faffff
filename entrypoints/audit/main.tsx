import { i18n } from '#i18n';
import { AuditPage } from '@/components/audit/AuditPage';
import { mount } from '@/components/mount';
import './audit.css';

document.title = i18n.t('audit.pageTitle');
mount(<AuditPage />);
