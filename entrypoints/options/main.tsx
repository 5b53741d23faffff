import { mount } from '@/components/mount';
import { OptionsPage } from '@/components/options/OptionsPage';
import './options.css';

mount(<OptionsPage />);
