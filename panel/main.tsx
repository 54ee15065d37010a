import { render } from 'preact';

render(<div>Leakscope</div>, document.getElementById('app')!);
