import { Empty } from 'antd';

export default function NewCasePage() {
  return <Empty />;
}
