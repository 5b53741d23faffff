import { mount } from '@/components/mount';
import { App } from '@/components/popup/App';
import './popup.css';

mount(<App />);
