import { AuditPage } from '@/components/audit/AuditPage';
import { mount } from '@/components/mount';
import './audit.css';

mount(<AuditPage />);
