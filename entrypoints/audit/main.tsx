import { i18n } from '#i18n';
import { AuditPage } from '@/components/audit/AuditPage';
import { mount } from '@/components/mount';
import './audit.css';

mount(<AuditPage />, i18n.t('audit.pageTitle'));
