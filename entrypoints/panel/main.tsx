import { mount } from '@/components/mount';
import { App } from '@/components/panel/App';
import './panel.css';

mount(<App />);
